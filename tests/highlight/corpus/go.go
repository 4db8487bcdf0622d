package main

import (
	"fmt"
	"net/http"
)

// Handler greets the caller.
type Handler struct{ name string }

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		http.Error(w, "only GET", 405)
		return
	}
	fmt.Fprintf(w, "hello, %s! %d\n", h.name, len(h.name)*2+0x1f)
	raw := `a {{ .Raw }} string`
	_ = raw
}
