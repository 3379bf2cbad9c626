package portal

import (
	_ "embed"
	"net/http"
)

// openAPI is the OpenAPI 3 document of the API; a test checks that it
// lists every route the server serves.
//
//go:embed openapi.json
var openAPI []byte

func (s *Server) openapi(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPI)
}
