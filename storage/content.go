package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
)

// DocumentKey is where a document with this content lives: documents are
// stored by their SHA-256, so an upload retried, or shared by two
// orders, is stored once.
func DocumentKey(sum string) string { return "documents/sha256/" + sum }

// PutDocument stores data under its content address and returns the
// key and the hex digest. Storing the same bytes again writes nothing.
func PutDocument(ctx context.Context, s Store, data []byte) (key, sum string, err error) {
	h := sha256.Sum256(data)
	sum = hex.EncodeToString(h[:])
	key, err = PutDocumentSum(ctx, s, sum, bytes.NewReader(data))
	return key, sum, err
}

// PutDocumentSum stores a document whose SHA-256 the caller has already
// taken (hashed while it streamed to a file, so no upload is held whole
// in memory). r is read only when the content is not stored yet; give
// an io.ReadSeeker (a file) and S3 streams it too.
func PutDocumentSum(ctx context.Context, s Store, sum string, r io.Reader) (string, error) {
	key := DocumentKey(sum)
	if _, err := s.Stat(ctx, key); err == nil {
		return key, nil
	} else if !errors.Is(err, ErrNotFound) {
		return "", fmt.Errorf("put document: %w", err)
	}
	if err := s.Put(ctx, key, r); err != nil {
		return "", fmt.Errorf("put document: %w", err)
	}
	return key, nil
}
