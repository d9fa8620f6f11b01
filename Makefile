# Developer targets; CI runs .ci/run, which calls the same test command.
.PHONY: build run test test-race bench lint ci

build:
	CGO_ENABLED=0 go build -o dateline ./cmd/dateline

run:
	go run ./cmd/dateline serve

test:
	go test ./...

test-race:
	go test -race -count=1 ./internal/render/... ./internal/web/... ./internal/app/... ./internal/outbox/... ./internal/cli/...

bench:
	go test -run '^$$' -bench . -benchmem ./internal/render/ ./internal/store/ ./internal/web/public/

lint:
	go vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	go run github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0 run ./...

ci:
	bash .ci/run
