package order

import (
	"encoding/json"
	"fmt"
)

// EncodeStored is the order as the service keeps it: the same JSON as
// the SPEC's, with the PINs in clear, because a stored order must still
// be checkable. It is for storage only; never log or return it.
func EncodeStored(o *Order) ([]byte, error) {
	data, err := json.Marshal(o)
	if err != nil {
		return nil, fmt.Errorf("encode order: %w", err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("encode order: %w", err)
	}
	if o.PIN.IsSet() {
		m["pin"] = o.PIN.Reveal()
	}
	nums, _ := m["numbers"].([]any)
	for i, n := range o.Numbers {
		if n.PIN.IsSet() && i < len(nums) {
			nums[i].(map[string]any)["pin"] = n.PIN.Reveal()
		}
	}
	return json.Marshal(m)
}
