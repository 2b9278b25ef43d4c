package order

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"
)

// decodeFast is the order when it is well-formed, from one strict decode
// and one scan of its bytes, and false otherwise: for an order with any
// fault the full checks run (checkRaw, checkShape, the decode) so every
// error is named as before. The full checks decoded the order three
// times, a fifteenth of a batch re-check's CPU per order; a stored order
// is all but always well-formed.
//
// It takes only what the full checks accept: UTF-8 throughout (then
// every string's raw bytes are); keys written without escapes, each an
// exact field name of some struct of the order and none twice in one
// object (checkRaw's test, on the same key text); and a strict decode
// that refuses unknown fields and any type checkShape refuses (every
// field of Order is a string, a struct, a slice, a *bool or a Secret,
// which encoding/json and checkShape judge alike). encoding/json matches
// keys without regard to case, but as no two field names differ only in
// case (orderKeys is empty otherwise), a key that is one name exactly and
// matches a field is that field's name.
func decodeFast(data []byte) (*Order, bool) {
	if orderKeys == nil || !utf8.Valid(data) || !keysPlain(data) {
		return nil, false
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var o Order
	if err := dec.Decode(&o); err != nil {
		return nil, false
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false
	}
	return &o, true
}

// orderKeys numbers every JSON field name of Order's structs (fewer than
// 64), nil if two of them differ only in case.
var orderKeys = keyIndex(reflect.TypeFor[Order]())

func keyIndex(root reflect.Type) map[string]uint {
	names := map[string]uint{}
	folded := map[string]bool{}
	var add func(t reflect.Type) bool
	add = func(t reflect.Type) bool {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t == reflect.TypeFor[Secret]() {
			return true
		}
		for name, ft := range jsonFields(t) {
			if _, ok := names[name]; !ok {
				if folded[strings.ToLower(name)] {
					return false
				}
				folded[strings.ToLower(name)] = true
				names[name] = uint(len(names))
			}
			if !add(ft) {
				return false
			}
		}
		return true
	}
	if !add(root) || len(names) > 64 {
		return nil
	}
	return names
}

// keysPlain scans JSON the decoder will judge (a syntax error there
// sends the order to the full checks whatever this says): every key is
// one of orderKeys, unescaped, and none is given twice in one object.
func keysPlain(data []byte) bool {
	type frame struct {
		obj  bool
		seen uint64
	}
	stack := make([]frame, 0, 8)
	expectKey := false
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '{':
			stack = append(stack, frame{obj: true})
			expectKey = true
		case '[':
			stack = append(stack, frame{})
			expectKey = false
		case '}', ']':
			if len(stack) == 0 {
				return false
			}
			stack = stack[:len(stack)-1]
			expectKey = false
		case ',':
			expectKey = len(stack) > 0 && stack[len(stack)-1].obj
		case '"':
			end, escaped := stringEnd(data, i+1)
			if end < 0 {
				return false
			}
			if expectKey {
				bit, ok := orderKeys[string(data[i+1:end])]
				top := &stack[len(stack)-1]
				if escaped || !ok || top.seen&(1<<bit) != 0 {
					return false
				}
				top.seen |= 1 << bit
				expectKey = false
			}
			i = end
		}
	}
	return true
}

// stringEnd is the index of the quote that ends the string whose text
// starts at data[i], -1 if none, and whether the string holds an escape.
func stringEnd(data []byte, i int) (int, bool) {
	escaped := false
	for ; i < len(data); i++ {
		switch data[i] {
		case '\\':
			escaped = true
			i++
		case '"':
			return i, escaped
		}
	}
	return -1, escaped
}
