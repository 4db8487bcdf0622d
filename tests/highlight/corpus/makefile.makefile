.PHONY: build test clean

HUGO ?= hugo
OUT := public

build: ## Build the site
	$(HUGO) --minify -d $(OUT)

test: build
	@echo "testing $(OUT)"
	node --test tests/

clean:
	rm -rf $(OUT) resources/_gen
