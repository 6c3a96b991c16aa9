# Thin front over CMake. On a fresh Debian 12 machine `make demo` and
# `make test` install what they need (apt, and pip into .venv) first.
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
PYTHON_BUILD ?= build-python
FIRMWARE_BUILD ?= build-firmware
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
FUZZ_SECONDS ?= 20

.PHONY: setup build demo test test-unit test-python python test-sanitize test-fuzz test-firmware firmware \
  device-report format-check bench bench-kernel bench-frontend format clean

setup:
	@bash scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DNEURITE_WERROR=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# The main demo: a speaker teaches spoken digits with three examples each (data/fsdd).
demo: build
	@$(BUILD)/tools/neurite/neurite demo

# Everything CI runs: unit tests, the Python package's tests, the same C++ tests
# under ASan+UBSan, fuzz runs of the model loader and the WAV reader, the firmware in QEMU.
test: format-check test-unit test-python test-sanitize test-fuzz test-firmware

test-unit: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The Python package installed into .venv as `pip install .` would, its CMake tree
# kept in $(PYTHON_BUILD) so that a second run only rebuilds what changed.
python: setup
	@CMAKE_BUILD_PARALLEL_LEVEL=$(JOBS) .venv/bin/python -m pip install -q --disable-pip-version-check \
	  --no-build-isolation --no-deps -C build-dir=$(PYTHON_BUILD) -C cmake.define.NEURITE_WERROR=ON .

# The Python package's tests (the features tests compare with the command line of
# $(BUILD), so it is built first), and the smoke test of the benchmark suite (bundled data only).
test-python: python build
	@NEURITE_CLI=$(BUILD)/tools/neurite/neurite NEURITE_BUILD=$(abspath $(BUILD)) \
	  .venv/bin/python -m pytest -q python/tests bench/suite/tests

test-sanitize: setup
	@cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEURITE_SANITIZE=ON \
	  -DNEURITE_WERROR=ON -DNEURITE_BUILD_BENCH=OFF -DNEURITE_BUILD_EXAMPLES=OFF >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

test-fuzz: setup
	@CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DNEURITE_BUILD_FUZZ=ON -DNEURITE_SANITIZE=ON -DNEURITE_BUILD_TESTS=OFF -DNEURITE_BUILD_BENCH=OFF \
	  -DNEURITE_BUILD_EXAMPLES=OFF -DNEURITE_BUILD_TOOLS=OFF >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS)
	@mkdir -p $(FUZZ_BUILD)/corpus && $(FUZZ_BUILD)/fuzz/fuzz_corpus $(FUZZ_BUILD)/corpus
	@$(FUZZ_BUILD)/fuzz/fuzz_load -max_total_time=$(FUZZ_SECONDS) -max_len=65536 $(FUZZ_BUILD)/corpus \
	  > $(FUZZ_BUILD)/fuzz.log 2>&1 || (tail -40 $(FUZZ_BUILD)/fuzz.log; exit 1)
	@grep -E "^Done" $(FUZZ_BUILD)/fuzz.log | sed 's/^/fuzz_load: /'
	@mkdir -p $(FUZZ_BUILD)/wav_corpus && cp tests/data/chirp_16k.wav data/fsdd/0_jackson_0.wav $(FUZZ_BUILD)/wav_corpus/
	@$(FUZZ_BUILD)/fuzz/fuzz_wav -max_total_time=$(FUZZ_SECONDS) -max_len=16384 $(FUZZ_BUILD)/wav_corpus \
	  > $(FUZZ_BUILD)/fuzz_wav.log 2>&1 || (tail -40 $(FUZZ_BUILD)/fuzz_wav.log; exit 1)
	@grep -E "^Done" $(FUZZ_BUILD)/fuzz_wav.log | sed 's/^/fuzz_wav: /'

# Cortex-M4F firmware for QEMU's mps2-an386 (its own CMake project and toolchain).
firmware: build
	@cmake -S firmware -B $(FIRMWARE_BUILD) -G Ninja --toolchain $(CURDIR)/firmware/cmake/arm-none-eabi.cmake -DNEURITE_WERROR=ON \
	  -DNEURITE_HOST_BUILD=$(abspath $(BUILD)) >/dev/null
	@cmake --build $(FIRMWARE_BUILD) -j $(JOBS)

# The firmware plays a real event sequence in QEMU; its transcript must equal the host's.
test-firmware: build firmware
	@cd $(FIRMWARE_BUILD) && ctest --output-on-failure -j $(JOBS)

# Device figures (code size, RAM, instruction counts) into docs/device-figures.md.
device-report: build firmware
	@python3 scripts/device_report.py --host-build $(BUILD) --firmware-build $(FIRMWARE_BUILD) \
	  --markdown docs/device-figures.md

# The benchmark suite (issue 6): neurite beside its peers on the same front-end vectors
# and splits, into docs/benchmarks.md and docs/img/*.png. Quick mode (a few minutes);
# FULL=1 runs every protocol on every data set found (long, niced, progress on stderr).
bench: build python
	@bash scripts/setup.sh --bench
	@nice .venv/bin/python bench/suite/run.py --build $(BUILD) $(if $(FULL),--full)

# Kernel figures (issue 2) into docs/kernel-figures.md, with the peers on the same splits.
bench-kernel: build
	@.venv/bin/python bench/digits_peers.py $(BUILD)/digits_peers.txt
	@$(BUILD)/bench/bench_kernel --peers $(BUILD)/digits_peers.txt --markdown docs/kernel-figures.md

# Front-end figures (issue 3) into docs/frontend-figures.md: needs the full sets in
# ../shared/data (skips with a message without them). Vectors and draws are exported
# once; the scikit-learn peers and neurite both read those files.
FRONTEND_BENCH ?= $(BUILD)/frontend-bench
bench-frontend: build
	@$(BUILD)/bench/bench_frontend --export $(FRONTEND_BENCH)
	@$(BUILD)/bench/bench_frontend --ablation $(FRONTEND_BENCH)
	@.venv/bin/python bench/frontend_peers.py $(FRONTEND_BENCH)
	@$(BUILD)/bench/bench_frontend --from $(FRONTEND_BENCH) --peers $(FRONTEND_BENCH)/peers.txt \
	  --markdown docs/frontend-figures.md > /dev/null

format: setup
	@clang-format -i $$(git ls-files '*.cpp' '*.hpp' '*.h')

format-check: setup
	@clang-format --dry-run -Werror $$(git ls-files '*.cpp' '*.hpp' '*.h') && echo "format: clean"

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(PYTHON_BUILD) $(FIRMWARE_BUILD)
