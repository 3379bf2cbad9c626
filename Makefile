# The one entry point for every task. `make run` and `make test` work on a
# fresh Debian machine as root: they install what is missing first.

GO        ?= go
BIN       := build
GOBIN     := $(CURDIR)/$(BIN)/tools
STATICCHECK_VERSION := v0.8.2
FYNE_TOOLS_VERSION  := v1.7.4
export CGO_ENABLED := 1
# Every screen applies results with fyne.Do, so the app opts in to Fyne's
# strict threading (FyneApp.toml [Migrations] says the same for the packager).
TAGS      := migrated_fynedo
# The race detector watches the project's code, not the SQLite engine: the
# engine is C translated to Go, and instrumenting it (with the pointer checks
# -race brings) made every store call about ten times slower under test, the
# portal's demo load 80 s instead of 8. The engine is left as uninstrumented as
# a C library linked by cgo would be. Every go command of this file and the
# end-to-end run's builds (they inherit it) share the setting, and so the build.
export GOFLAGS := -gcflags=modernc.org/...=-race=false

# Debian packages: what Fyne's cgo build needs, then what the tests use
# (a virtual display, input and screenshots, PDF and QR tools, CUPS).
BUILD_PKGS := gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev libxrandr-dev \
              libxinerama-dev libxi-dev libxxf86vm-dev
TEST_PKGS  := xvfb xauth xdotool imagemagick poppler-utils zbar-tools cups cups-client

# Fyne reads the language of its own dialogs from LANG and complains about
# the bare C locale of a fresh machine; the programme's language is Russian.
ifeq ($(filter-out C POSIX C.UTF-8,$(LANG)),)
export LANG := ru_RU.UTF-8
endif

# The app runs in a virtual display when there is no real one.
XRUN := $(if $(DISPLAY),,xvfb-run -a -s "-screen 0 1600x1000x24")

.PHONY: deps build run kiosk test e2e bench package screenshots kiosk-screenshots desk-screenshots clean

deps:
	@missing=$$(for p in $(BUILD_PKGS) $(TEST_PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:" $$missing; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	$(GO) mod download
	@test -x $(GOBIN)/staticcheck || GOBIN=$(GOBIN) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

build: deps
	$(GO) build -tags $(TAGS) -o $(BIN)/showroom ./cmd/showroom

run: build
	$(XRUN) $(BIN)/showroom --demo

kiosk: build
	$(XRUN) $(BIN)/showroom --demo --kiosk

test: deps
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	@$(GO) mod tidy -diff || { echo "go.mod and go.sum need: go mod tidy"; exit 1; }
	@# Everything is built once, with the race detector: vet, the build of
	@# cmd/, the tests and the end-to-end run's binaries share that build,
	@# which is most of a fresh machine's time.
	$(GO) vet -race -tags $(TAGS) ./...
	$(GOBIN)/staticcheck -tags $(TAGS) ./...
	$(GO) build -race -tags $(TAGS) ./cmd/...
	$(XRUN) $(GO) test -tags $(TAGS) -race -count=1 ./...
	@$(MAKE) --no-print-directory e2e

# The product end to end, as its people use it: builds the app and the
# portal, starts its own virtual displays, the portal on loopback with a
# mail folder and a cupsd with a file-backed queue, and drives the real
# kiosk and desk windows with xdotool. Screenshots of
# each step and the logs: build/e2e.
e2e: deps
	$(GO) vet -race -tags $(TAGS),e2e ./cmd/e2e
	$(GOBIN)/staticcheck -tags $(TAGS),e2e ./cmd/e2e
	$(GO) test -tags $(TAGS),e2e -count=1 -timeout 10m -v ./cmd/e2e

# Measures every target of docs/PERFORMANCE.md (three runs each) and prints
# the medians against them, in a virtual display for the start-up times. The
# first run of the million-customer search builds its store (a few minutes,
# about 6 GB in the temp folder); later runs reuse it.
bench: deps
	$(XRUN) $(GO) run ./cmd/bench

# Packages the app for Linux: the tool reads FyneApp.toml only from the
# folder it packages ([Source] Dir is metadata for the .desktop file, not
# where it builds), so it runs here at the root and wraps the binary built
# from cmd/showroom. The tool rewrites FyneApp.toml to
# count builds; the committed file is put back so packaging leaves no change.
package: build
	@test -x $(GOBIN)/fyne || GOBIN=$(GOBIN) $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS_VERSION)
	cp FyneApp.toml $(BIN)/FyneApp.toml.keep
	$(GOBIN)/fyne package --os linux --executable $(BIN)/showroom --release; \
		status=$$?; mv $(BIN)/FyneApp.toml.keep FyneApp.toml; exit $$status
	@ls -l Showroom.tar.xz

# Screenshots for the README, taken in a virtual display.
screenshots: build
	$(XRUN) sh docs/screenshots.sh $(BIN)/showroom

# The staff desk's screens from the real window, by keyboard and clicks as
# staff work, at the size of a desk's screen; docs/staff.png among them.
desk-screenshots: build
	xvfb-run -a -s "-screen 0 1280x800x24" bash docs/desk-screenshots.sh $(BIN)/showroom

# The kiosk's screens from the real window, reached by touch and typing, in
# a virtual display of each size the showrooms' touchscreens have.
kiosk-screenshots: build
	for s in 1280x800 1920x1080; do \
		xvfb-run -a -s "-screen 0 $${s}x24" bash docs/kiosk-screenshots.sh $(BIN)/showroom $$s || exit 1; \
	done

clean:
	rm -rf $(BIN) Showroom.tar.xz
