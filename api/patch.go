package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"unicode/utf8"

	"github.com/portcheck/portcheck/order"
)

// redactedPIN is how the API shows a PIN (order.Secret's JSON). A patch
// that sends it back unchanged keeps the stored PIN: a client that
// edits the order it read must not overwrite the PIN with this text.
const redactedPIN = "[redacted]"

// patchOrder applies a JSON merge patch (RFC 7396) to the order's
// fields. The result must pass every test a new order passes, with the
// same errors naming the field; id cannot change, and documents change
// only by upload and removal.
func (s *server) patchOrder(w http.ResponseWriter, r *http.Request, tenant string) {
	if media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); media != "" && media != "application/merge-patch+json" && media != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, "unsupported_type", "a patch is application/merge-patch+json (RFC 7396)")
		return
	}
	want, err := ifMatch(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_parameter", err.Error())
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxOrderBody))
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_order", fmt.Sprintf("the patch is larger than %d bytes or could not be read", maxOrderBody))
		return
	}
	patch, err := decodePatch(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_order", err.Error())
		return
	}
	id := r.PathValue("id")
	o, m, err := s.Records.Patch(r.Context(), tenant, id, want, func(stored []byte) (*order.Order, error) {
		return applyPatch(stored, patch, tenant)
	})
	if err != nil {
		s.storeError(w, r, err)
		return
	}
	w.Header().Set("ETag", versionTag(m.Version))
	writeJSON(w, http.StatusOK, orderView(o, m))
}

// decodePatch reads a merge patch: a JSON object, UTF-8, no key twice
// (the order's own decoder refuses the same, and a merge would hide it).
func decodePatch(body []byte) (map[string]any, error) {
	if !utf8.Valid(body) {
		return nil, &order.FieldError{Msg: "the patch is not valid UTF-8"}
	}
	if field := repeatedKey(json.NewDecoder(bytes.NewReader(body)), ""); field != "" {
		return nil, &order.FieldError{Field: field, Msg: "given more than once"}
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return nil, &order.FieldError{Msg: "the patch is not JSON: " + err.Error()}
	}
	patch, ok := v.(map[string]any)
	if !ok {
		return nil, &order.FieldError{Msg: "the patch must be a JSON object: a merge patch (RFC 7396) of the order's fields"}
	}
	return patch, nil
}

// repeatedKey returns the path of the first key given twice in one
// object, or "" (also for JSON the later decode refuses).
func repeatedKey(dec *json.Decoder, path string) string {
	tok, err := dec.Token()
	if err != nil {
		return ""
	}
	switch tok {
	case json.Delim('{'):
		seen := map[string]bool{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return ""
			}
			k, _ := kt.(string)
			field := k
			if path != "" {
				field = path + "." + k
			}
			if seen[k] {
				return field
			}
			seen[k] = true
			if f := repeatedKey(dec, field); f != "" {
				return f
			}
		}
		dec.Token()
	case json.Delim('['):
		for i := 0; dec.More(); i++ {
			if f := repeatedKey(dec, fmt.Sprintf("%s[%d]", path, i)); f != "" {
				return f
			}
		}
		dec.Token()
	}
	return ""
}

// applyPatch merges patch into the stored order and validates the
// result as a new order.
func applyPatch(stored []byte, patch map[string]any, tenant string) (*order.Order, error) {
	var current map[string]any
	if err := json.Unmarshal(stored, &current); err != nil {
		return nil, fmt.Errorf("patch: read the stored order: %w", err)
	}
	if v, ok := patch["id"]; ok && v != current["id"] {
		return nil, &order.FieldError{Field: "id", Msg: "cannot be changed: it names the order (create another order instead)"}
	}
	merged, _ := mergePatch(current, patch).(map[string]any)
	if err := keepPINs(current, merged); err != nil {
		return nil, err
	}
	data, err := json.Marshal(merged)
	if err != nil {
		return nil, fmt.Errorf("patch: %w", err)
	}
	o, err := order.DecodeBytes(data)
	if err != nil {
		return nil, err
	}
	if err := admit(o, tenant); err != nil {
		return nil, err
	}
	return o, nil
}

// mergePatch is RFC 7396: an object merges key by key, null removes a
// key, anything else replaces the target.
func mergePatch(target, patch any) any {
	p, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	t, _ := target.(map[string]any)
	out := make(map[string]any, len(t)+len(p))
	for k, v := range t {
		out[k] = v
	}
	for k, v := range p {
		if v == nil {
			delete(out, k)
			continue
		}
		out[k] = mergePatch(out[k], v)
	}
	return out
}

// keepPINs puts the stored PIN back wherever the patch sent the redacted
// text the API shows: the order's own, and a number's when the stored
// order has that number with a PIN.
func keepPINs(current, merged map[string]any) error {
	if merged["pin"] == redactedPIN {
		if current["pin"] == nil {
			return &order.FieldError{Field: "pin", Msg: redactedPIN + " stands for a PIN this order does not have: send the PIN itself"}
		}
		merged["pin"] = current["pin"]
	}
	old, _ := current["numbers"].([]any)
	nums, _ := merged["numbers"].([]any)
	for i, n := range nums {
		nm, _ := n.(map[string]any)
		if nm == nil || nm["pin"] != redactedPIN {
			continue
		}
		pin := storedPIN(old, nm["number"])
		if pin == nil {
			return &order.FieldError{Field: fmt.Sprintf("numbers[%d].pin", i), Msg: redactedPIN + " stands for a PIN this number does not have: send the PIN itself"}
		}
		nm["pin"] = pin
	}
	return nil
}

func storedPIN(numbers []any, number any) any {
	for _, n := range numbers {
		if nm, _ := n.(map[string]any); nm != nil && nm["number"] == number && nm["pin"] != nil {
			return nm["pin"]
		}
	}
	return nil
}
