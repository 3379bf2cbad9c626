package sync

import (
	"context"
	"net/http"
	"net/url"

	"github.com/myrenault/showroom"
	"github.com/myrenault/showroom/portal/api"
)

// RegistrationReport asks the portal for the registration goal of a
// quarter, by "dealer" or by "region".
func (c *Client) RegistrationReport(ctx context.Context, q showroom.Quarter, by string) (api.RegistrationReport, error) {
	var out api.RegistrationReport
	err := c.call(ctx, http.MethodGet, "/api/v1/reports/registrations", url.Values{"quarter": {q.String()}, "by": {by}}, nil, &out)
	return out, err
}
