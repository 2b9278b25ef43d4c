// Package pdfopen reads PDFs with pdfcpu's own packages (pdfcpu, model,
// validate) in place of its api package, doing what the api calls we
// used did, with the same errors.
//
// Why: pdfcpu/pkg/api imports pdfcpu's form filling, which imports
// go-runewidth, whose init fills two 1.1-million-entry width tables.
// That init was the largest part of every portcheck process's start
// (GODEBUG=inittrace=1: 90-180 ms clock, more than the rest together),
// for tables nothing here reads.
package pdfopen

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/fault"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/validate"
)

func init() {
	// pdfcpu would otherwise create and read ~/.config/pdfcpu (what
	// api.DisableConfigDir does).
	model.ConfigPath = "disable"
}

// Config is pdfcpu's default configuration with relaxed validation:
// real bills break the letter of the standard in ways every viewer
// forgives.
func Config() *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	return conf
}

// Read parses a PDF's cross-reference table and objects (api.ReadContext).
func Read(data []byte, conf *model.Configuration) (ctx *model.Context, err error) {
	defer fault.Catch(&err)
	return pdfcpu.Read(bytes.NewReader(data), conf)
}

// Validate checks a read PDF (api.ValidateContext); it also counts the pages.
func Validate(ctx *model.Context) (err error) {
	defer fault.Catch(&err)
	if ctx == nil || ctx.XRefTable == nil {
		return errors.New("pdfopen: validate: no cross-reference table")
	}
	return validate.XRefTable(ctx)
}

// PageCount sets a read PDF's page count from its page tree's root
// (what Validate reads it from) without validating the document.
func PageCount(ctx *model.Context) (err error) {
	defer fault.Catch(&err)
	if ctx == nil || ctx.XRefTable == nil {
		return errors.New("pdfopen: page count: no cross-reference table")
	}
	return ctx.EnsurePageCount()
}

// ReadOptimized reads, validates and optimizes a PDF, which collects each
// page's image resources (api.ReadValidateAndOptimize).
func ReadOptimized(data []byte, conf *model.Configuration) (ctx *model.Context, err error) {
	defer fault.Catch(&err)
	if conf == nil {
		return nil, errors.New("pdfopen: read: missing configuration")
	}
	ctx, err = readValidated(data, conf)
	if err != nil {
		return nil, fmt.Errorf("prepare PDF context: %w", err)
	}
	if conf.Optimize || assumesOptimization(conf.Cmd) {
		if err := pdfcpu.OptimizeXRefTable(ctx); err != nil {
			return nil, fmt.Errorf("optimize context: %w", err)
		}
	}
	if err := pdfcpu.CacheFormFonts(ctx); err != nil {
		return nil, fmt.Errorf("cache form fonts: %w", err)
	}
	return ctx, nil
}

// readValidated is api.ReadAndValidate for the commands used here
// (none removes signatures).
func readValidated(data []byte, conf *model.Configuration) (*model.Context, error) {
	ctx, err := Read(data, conf)
	if err != nil {
		return nil, fmt.Errorf("read context: %w", err)
	}
	if err := Validate(ctx); err != nil {
		hint := ""
		if conf.ValidationMode == model.ValidationStrict {
			hint = " (try --mode=relaxed)"
		}
		return nil, fmt.Errorf("validation error (obj#:%d)%s: %w", ctx.CurObj, hint, err)
	}
	return ctx, nil
}

// assumesOptimization is the api's list of commands that read what the
// optimize step collects.
func assumesOptimization(cmd model.CommandMode) bool {
	switch cmd {
	case model.OPTIMIZE, model.FILLFORMFIELDS, model.RESETFORMFIELDS, model.LISTIMAGES,
		model.UPDATEIMAGES, model.EXTRACTIMAGES, model.EXTRACTFONTS, model.REMOVESIGNATURES:
		return true
	}
	return false
}

// Decrypt writes the PDF decrypted with conf's passwords (api.Decrypt).
func Decrypt(data []byte, w io.Writer, conf *model.Configuration) (err error) {
	defer fault.Catch(&err)
	if conf == nil {
		return errors.New("pdfopen: decrypt: missing configuration")
	}
	conf.Cmd = model.DECRYPT
	if err := rewrite(data, w, conf); err != nil {
		return fmt.Errorf("decrypt: %w", err)
	}
	return nil
}

func rewrite(data []byte, w io.Writer, conf *model.Configuration) (err error) {
	ctx, err := ReadOptimized(data, conf)
	if err != nil {
		return err
	}
	ctx.Write.Writer = bufio.NewWriter(w)
	defer func() { err = errors.Join(err, ctx.Write.Flush()) }()
	if err := pdfcpu.WriteContext(ctx); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}
