"""The command line: `hotline-qa`."""
