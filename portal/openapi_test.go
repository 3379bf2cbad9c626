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

// TestOpenAPIListsEveryMutationType keeps the document's mutation types in
// step with the types the portal applies.
func TestOpenAPIListsEveryMutationType(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas struct {
				Mutation struct {
					Properties struct {
						Type struct {
							Enum []string `json:"enum"`
						} `json:"type"`
					} `json:"properties"`
				} `json:"Mutation"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatal(err)
	}
	documented := doc.Components.Schemas.Mutation.Properties.Type.Enum
	var applied []string
	for typ := range appliers {
		applied = append(applied, typ)
	}
	slices.Sort(documented)
	slices.Sort(applied)
	if !slices.Equal(documented, applied) {
		t.Errorf("documented %v\napplied %v", documented, applied)
	}
}
