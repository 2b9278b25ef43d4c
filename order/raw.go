package order

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// checkRaw refuses what encoding/json lets through silently: a key given
// twice in one object (the last would win, and a reviewer reading the
// first would be misled) and bytes that are not UTF-8 (they would be
// replaced by U+FFFD, so a name would not be the one sent). Each is
// named by the field's path. Syntax errors are left to the decoder.
func checkRaw(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	w := rawWalker{dec: dec, data: data}
	if err := w.value(""); err != nil {
		if fe, ok := err.(*FieldError); ok {
			return fe
		}
	}
	return nil // the strict decode that follows reports syntax errors
}

type rawWalker struct {
	dec  *json.Decoder
	data []byte
}

// token reads one token and refuses a string whose raw bytes are not
// UTF-8.
func (w rawWalker) token(path string) (json.Token, error) {
	start := w.dec.InputOffset()
	tok, err := w.dec.Token()
	if err != nil {
		return nil, err
	}
	if _, ok := tok.(string); ok && !utf8.Valid(w.data[start:w.dec.InputOffset()]) {
		return nil, &FieldError{Field: path, Msg: "is not valid UTF-8"}
	}
	return tok, nil
}

func (w rawWalker) value(path string) error {
	tok, err := w.token(path)
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('{'):
		return w.object(path)
	case json.Delim('['):
		for i := 0; w.dec.More(); i++ {
			if err := w.value(fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		_, err := w.dec.Token()
		return err
	}
	return nil
}

func (w rawWalker) object(path string) error {
	seen := map[string]bool{}
	for w.dec.More() {
		tok, err := w.token(path)
		if err != nil {
			return err
		}
		k, _ := tok.(string)
		field := k
		if path != "" {
			field = path + "." + k
		}
		if seen[k] {
			return &FieldError{Field: field, Msg: "given more than once"}
		}
		seen[k] = true
		if err := w.value(field); err != nil {
			return err
		}
	}
	_, err := w.dec.Token()
	return err
}
