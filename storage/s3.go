package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/logging"
)

// Secret is a credential; it never prints.
type Secret string

func (Secret) String() string   { return "[redacted]" }
func (Secret) GoString() string { return "[redacted]" }

// S3Config says where an S3 store is. Credentials left empty come from
// the standard chain (environment, shared files, instance roles), except
// with an Endpoint: an S3-compatible server has no instance roles, so
// there they are required and the instance-metadata address is never
// asked.
type S3Config struct {
	Bucket   string
	Prefix   string // prepended to every key, e.g. "portcheck/"
	Endpoint string // for S3-compatible servers; path-style addressing is used with it
	Region   string // default "us-east-1"
	// AccessKey and SecretKey override the standard chain when set.
	AccessKey string
	SecretKey Secret
	// Log receives the SDK's own messages; nil drops them. Either way
	// none reaches stderr as a plain-text line.
	Log *slog.Logger
}

// ErrNoCredentials: an endpoint is set but no static credentials.
var ErrNoCredentials = errors.New("an S3-compatible endpoint needs static credentials (access key and secret key)")

// Validate checks the settings.
func (c S3Config) Validate() error {
	if c.Bucket == "" {
		return errors.New("s3 config: bucket is required")
	}
	if c.Endpoint != "" {
		if u, err := url.Parse(c.Endpoint); err != nil || u.Scheme == "" || u.Host == "" {
			return fmt.Errorf("s3 config: endpoint %q is not a URL", c.Endpoint)
		}
	}
	if (c.AccessKey == "") != (c.SecretKey == "") {
		return errors.New("s3 config: give both access key and secret key, or neither")
	}
	if c.Endpoint != "" && c.AccessKey == "" {
		return fmt.Errorf("s3 config: %w", ErrNoCredentials)
	}
	return nil
}

// S3 is a Store on an S3 bucket through aws-sdk-go-v2.
type S3 struct {
	client *s3.Client
	bucket string
	prefix string
}

var _ Store = (*S3)(nil)

// NewS3 connects to the bucket; it does not check that it exists.
func NewS3(ctx context.Context, c S3Config) (*S3, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if c.Region == "" {
		c.Region = "us-east-1"
	}
	opts := []func(*config.LoadOptions) error{config.WithRegion(c.Region), config.WithLogger(sdkLogger{c.Log})}
	if c.AccessKey != "" {
		opts = append(opts, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(c.AccessKey, string(c.SecretKey), "")))
	}
	if c.Endpoint != "" {
		// Set here, not only by AWS_EC2_METADATA_DISABLED: a process
		// started without that variable must not reach outside either.
		opts = append(opts, config.WithEC2IMDSClientEnableState(imds.ClientDisabled))
	}
	awsCfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("s3: load config: %w", err)
	}
	client := s3.NewFromConfig(awsCfg, func(o *s3.Options) {
		if c.Endpoint != "" {
			o.BaseEndpoint = aws.String(c.Endpoint)
			o.UsePathStyle = true
		}
		// S3-compatible servers often send no checksum; the SDK would
		// warn on every read.
		o.DisableLogOutputChecksumValidationSkipped = true
	})
	return &S3{client: client, bucket: c.Bucket, prefix: c.Prefix}, nil
}

// Ready lists at most one object under the prefix: it fails when the
// server cannot be reached, the bucket does not exist or the
// credentials are refused, and says which.
func (s *S3) Ready(ctx context.Context) error {
	// One attempt: a readiness probe asks whether the store answers now;
	// the SDK's retries of a refused connection, with their backoff,
	// could outlast the probe's own deadline and hide why it failed.
	_, err := s.client.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(s.bucket), Prefix: aws.String(s.prefix), MaxKeys: aws.Int32(1)},
		func(o *s3.Options) { o.RetryMaxAttempts = 1 })
	if err == nil {
		return nil
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "NoSuchBucket", "NotFound":
			return fmt.Errorf("s3: bucket %s does not exist", s.bucket)
		case "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "Forbidden", "InvalidClientTokenId", "ExpiredToken":
			return fmt.Errorf("s3: bucket %s: the credentials are refused (%s)", s.bucket, api.ErrorCode())
		}
	}
	return fmt.Errorf("s3: bucket %s: %w", s.bucket, err)
}

// CreateBucket makes the bucket if it does not exist (tests, first run).
func (s *S3) CreateBucket(ctx context.Context) error {
	_, err := s.client.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(s.bucket)})
	var owned *types.BucketAlreadyOwnedByYou
	var exists *types.BucketAlreadyExists
	if err != nil && !errors.As(err, &owned) && !errors.As(err, &exists) {
		return fmt.Errorf("s3: create bucket %s: %w", s.bucket, err)
	}
	return nil
}

func (s *S3) key(k string) (string, error) {
	fs := &FS{}
	clean, err := fs.checkKey(k)
	if err != nil {
		return "", err
	}
	return s.prefix + clean, nil
}

// Get opens the object at key.
func (s *S3) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	k, err := s.key(key)
	if err != nil {
		return nil, fmt.Errorf("get: %w", err)
	}
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(k)})
	if err != nil {
		return nil, fmt.Errorf("get %s: %w", key, mapS3(err))
	}
	return out.Body, nil
}

// Stat describes the object at key.
func (s *S3) Stat(ctx context.Context, key string) (Info, error) {
	k, err := s.key(key)
	if err != nil {
		return Info{}, fmt.Errorf("stat: %w", err)
	}
	out, err := s.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(k)})
	if err != nil {
		return Info{}, fmt.Errorf("stat %s: %w", key, mapS3(err))
	}
	return Info{Key: key, Size: aws.ToInt64(out.ContentLength), ModTime: aws.ToTime(out.LastModified)}, nil
}

// Put writes the object in one request: S3 never shows a half-written
// object, so a reader sees the old bytes or the new ones.
func (s *S3) Put(ctx context.Context, key string, r io.Reader) error {
	k, err := s.key(key)
	if err != nil {
		return fmt.Errorf("put: %w", err)
	}
	body, ok := r.(io.ReadSeeker)
	if !ok { // the SDK needs the length up front; documents are bounded
		data, err := io.ReadAll(r)
		if err != nil {
			return fmt.Errorf("put %s: %w", key, err)
		}
		body = bytes.NewReader(data)
	}
	if _, err := s.client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(k), Body: body}); err != nil {
		return fmt.Errorf("put %s: %w", key, mapS3(err))
	}
	return nil
}

// List returns the objects whose keys start with prefix, in key order.
func (s *S3) List(ctx context.Context, prefix string) ([]Info, error) {
	var out []Info
	p := s3.NewListObjectsV2Paginator(s.client, &s3.ListObjectsV2Input{Bucket: aws.String(s.bucket), Prefix: aws.String(s.prefix + prefix)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list %q: %w", prefix, mapS3(err))
		}
		for _, o := range page.Contents {
			out = append(out, Info{Key: strings.TrimPrefix(aws.ToString(o.Key), s.prefix), Size: aws.ToInt64(o.Size), ModTime: aws.ToTime(o.LastModified)})
		}
	}
	return out, nil
}

// sdkLogger routes the SDK's messages into slog.
type sdkLogger struct{ l *slog.Logger }

func (s sdkLogger) Logf(c logging.Classification, format string, v ...any) {
	if s.l == nil {
		return
	}
	level := slog.LevelDebug
	if c == logging.Warn {
		level = slog.LevelWarn
	}
	s.l.Log(context.Background(), level, "aws sdk: "+fmt.Sprintf(format, v...))
}

// mapS3 turns "no such key" into ErrNotFound; everything else (network,
// throttling, server errors) stays as it is and may be retried.
func mapS3(err error) error {
	var nsk *types.NoSuchKey
	var nf *types.NotFound
	var api smithy.APIError
	switch {
	case errors.As(err, &nsk), errors.As(err, &nf):
		return fmt.Errorf("%w: %w", ErrNotFound, err)
	case errors.As(err, &api) && (api.ErrorCode() == "NotFound" || api.ErrorCode() == "NoSuchKey"):
		return fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	return err
}
