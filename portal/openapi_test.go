package portal

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestOpenAPI(t *testing.T) {
	p := newTestPortal(t)
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if st := p.do(t, "GET", "/api/v1/openapi.json", "", nil, &doc); st != 200 {
		t.Fatalf("status %d", st)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	srv := NewServer(Config{Store: p.store, Mailer: DirMailer{Dir: p.mail}})
	served := srv.Routes()
	slices.Sort(documented)
	slices.Sort(served)
	if !slices.Equal(documented, served) {
		t.Errorf("documented %v\nserved %v", documented, served)
	}
}
