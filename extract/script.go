package extract

import "github.com/ledongthuc/pdf"

// FontDescriptor flags (PDF 32000-1, table 123).
const (
	flagScript = 1 << 3
	flagItalic = 1 << 6
)

func judgeScript(fd pdf.Value, fi *fontInfo) bool {
	flags := fd.Key("Flags").Int64()
	return flags&flagScript != 0
}
