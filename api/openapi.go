package api

import _ "embed"

// openAPI describes the API; it is served at /openapi.json.
//
//go:embed openapi.json
var openAPI []byte
