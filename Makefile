# Hotline QA — `make demo` and `make test` work on a fresh Debian machine with Python 3.11, as root.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
APT    := DEBIAN_FRONTEND=noninteractive apt-get -y -q -o Dpkg::Use-Pty=0

.PHONY: demo test lint unit bench system-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,audio,asr]'
	$(BIN)/python -m pip install -q --no-deps 'silero-vad>=5.1'
	rm -f $(VENV)/.installed-*; touch $(STAMP)

# Debian packages the tests use: Chromium and a Chinese font render the HTML report in a real
# browser; espeak-ng and sox synthesise real test calls; libsndfile reads audio.
DEBS := chromium fonts-wqy-microhei espeak-ng sox libsox-fmt-mp3 libsndfile1
system-deps:
	@missing=$$(for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "apt-get install $$missing"; $(APT) update >/dev/null && $(APT) install $$missing >/dev/null; \
	  else echo "需要 root 安装 (install as root): $$missing"; exit 1; fi; fi

demo: $(STAMP)
	$(BIN)/hotline-qa demo --out build/demo-reports

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

unit: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 -p no:cacheprovider

test: $(STAMP) system-deps lint unit

bench: $(STAMP)
	$(BIN)/python bench/bench_engine.py --calls 2000
	$(BIN)/python bench/bench_rules.py --calls 300
	$(BIN)/python bench/bench_redact.py --calls 300
	$(BIN)/python bench/bench_audio.py --minutes 6

clean:
	rm -rf $(VENV) build hotline-qa-reports .pytest_cache .mypy_cache .ruff_cache
