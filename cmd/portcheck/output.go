package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/portcheck/portcheck/report"
)

func writeReports(f checkFlags, reps []*report.Report, stdout io.Writer) (err error) {
	w := stdout
	if f.out != "" {
		fh, err := os.Create(f.out)
		if err != nil {
			return fmt.Errorf("--out: %w", err)
		}
		defer func() {
			if cerr := fh.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("--out: %w", cerr)
			}
		}()
		w = fh
	}
	bw := bufio.NewWriter(w)
	if err := render(bw, f.format, reps); err != nil {
		return err
	}
	return bw.Flush()
}

func render(w io.Writer, format string, reps []*report.Report) error {
	switch format {
	case "jsonl":
		for _, r := range reps {
			if err := report.WriteJSONLine(w, r); err != nil {
				return err
			}
		}
		return nil
	case "html":
		for _, r := range reps {
			if err := report.WriteHTML(w, r); err != nil {
				return err
			}
		}
		return nil
	case "text":
		for i, r := range reps {
			if i > 0 {
				fmt.Fprintln(w)
			}
			if err := report.WriteText(w, r); err != nil {
				return err
			}
		}
		return nil
	}
	if len(reps) == 1 {
		return report.WriteJSON(w, reps[0])
	}
	return report.WriteJSON(w, reps)
}
