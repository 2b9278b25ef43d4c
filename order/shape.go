package order

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
)

// checkShape walks a generic decoding of the order against the Go type it
// must fit, so an unknown field or a wrong type is named by its full path
// ("numbers[1].pin"); encoding/json names neither array indices nor the
// path of an unknown field.
func checkShape(v any, t reflect.Type, path string) error {
	if v == nil {
		return nil // null is "absent" for every field of an order
	}
	if t == reflect.TypeFor[Secret]() {
		return expect(v, "string", "a string", path)
	}
	switch t.Kind() {
	case reflect.Pointer:
		return checkShape(v, t.Elem(), path)
	case reflect.String:
		return expect(v, "string", "a string", path)
	case reflect.Bool:
		return expect(v, "bool", "true or false", path)
	case reflect.Slice:
		return checkSlice(v, t, path)
	case reflect.Struct:
		return checkStruct(v, t, path)
	}
	return nil
}

func checkSlice(v any, t reflect.Type, path string) error {
	arr, ok := v.([]any)
	if !ok {
		return wrongType(path, "an array", v)
	}
	for i, e := range arr {
		if err := checkShape(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return err
		}
	}
	return nil
}

func checkStruct(v any, t reflect.Type, path string) error {
	obj, ok := v.(map[string]any)
	if !ok {
		if path == "" {
			return &FieldError{Msg: "the order must be a JSON object, not " + jsonKind(v)}
		}
		return wrongType(path, "an object", v)
	}
	fields := jsonFields(t)
	for _, name := range slices.Sorted(maps.Keys(obj)) {
		fv, sub := obj[name], join(path, name)
		ft, known := fields[name]
		if !known {
			return &FieldError{Field: sub, Msg: "unknown field"}
		}
		if err := checkShape(fv, ft, sub); err != nil {
			return err
		}
	}
	return nil
}

func jsonFields(t reflect.Type) map[string]reflect.Type {
	m := make(map[string]reflect.Type, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "" && name != "-" {
			m[name] = f.Type
		}
	}
	return m
}

func expect(v any, kind, want, path string) error {
	if jsonKind(v) != kind {
		return wrongType(path, want, v)
	}
	return nil
}

func wrongType(path, want string, v any) error {
	return &FieldError{Field: path, Msg: fmt.Sprintf("must be %s, not %s", want, jsonKind(v))}
}

func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case bool:
		return "bool"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case nil:
		return "null"
	}
	return "number"
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
