"""The norms as rules: base class, registry, scopes, matchers, rulebook."""
