package extract

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ledongthuc/pdf's Interpret keeps every operand on its stack until an
// operator takes them, and reads nested arrays by recursion, with no
// bound on either: a stream of `1 ` repeated 100 million times with no
// operator, or 40 million `[`, costs gigabytes before our walkers see a
// single operator. It cannot be bounded from outside, so every content
// stream is lexed by operandScan first, as it is measured against the
// content budget (one decoding, not two), and Interpret runs only on a
// stream whose operand runs and nesting are within these bounds. Real
// content has at most a few hundred operands before an operator (a long
// TJ array of kerned glyphs) and nests arrays two deep (TJ, d).
const (
	maxOperands     = 100_000
	maxOperandBytes = 16 << 20
	maxNesting      = 32
)

// errStopped ends a walk from inside Interpret's callback; the reason is
// the budget's err.
var errStopped = errors.New("content walk stopped")

// operandScan is a streaming lexer of PDF content (PDF 32000-1, 7.2 and
// 7.8.2) that follows the tokens as ledongthuc/pdf splits them, counting
// what Interpret would hold on its stack between two operators. It
// over-counts rather than under-counts (an operator inside an array ends
// the array for Interpret; here it only clears the nesting).
type operandScan struct {
	err      error
	operands int   // tokens pending since the last operator
	bytes    int64 // their bytes
	depth    int   // open [ and <<

	state    scanState
	strDepth int  // nesting of ( ) in a literal string
	escape   bool // a backslash in a literal string
	word     []byte
	pending  byte // '<' or '>' seen, waiting for the next byte

	deadline time.Time
	ctx      context.Context
}

type scanState int

const (
	scanSpace scanState = iota
	scanComment
	scanLiteral
	scanHex
	scanName
	scanWord
)

func (s *operandScan) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if err := s.timeUp(); err != nil {
		s.err = err
		return 0, err
	}
	for _, c := range p {
		s.byte(c)
		if s.err != nil {
			return 0, s.err
		}
	}
	return len(p), nil
}

func (s *operandScan) timeUp() error {
	if s.ctx != nil && s.ctx.Err() != nil {
		return s.ctx.Err()
	}
	if !s.deadline.IsZero() && time.Now().After(s.deadline) {
		return errTimeUp
	}
	return nil
}

var errTimeUp = errors.New("the time bound passed")

func (s *operandScan) byte(c byte) {
	if s.pending != 0 {
		p := s.pending
		s.pending = 0
		if p == c { // << or >>
			s.nest(c == '<')
			return
		}
		if p == '<' {
			s.state = scanHex
			s.operand()
		}
		// A lone '>' is a delimiter error to ledongthuc; nothing pushed.
	}
	switch s.state {
	case scanComment:
		if c == '\r' || c == '\n' {
			s.state = scanSpace
		}
		return
	case scanLiteral:
		s.literal(c)
		return
	case scanHex:
		s.grow(1)
		if c == '>' {
			s.state = scanSpace
		}
		return
	case scanName, scanWord:
		if !isSpaceByte(c) && !isDelimByte(c) {
			s.grow(1)
			if s.state == scanWord && len(s.word) < 16 {
				s.word = append(s.word, c)
			}
			return
		}
		s.endWord()
	}
	s.start(c)
}

// start begins a token at c, in the space between tokens.
func (s *operandScan) start(c byte) {
	switch {
	case isSpaceByte(c):
	case c == '%':
		s.state = scanComment
	case c == '(':
		s.state, s.strDepth = scanLiteral, 0
		s.operand()
	case c == '<' || c == '>':
		s.pending = c
	case c == '[':
		s.nest(true)
	case c == ']':
		s.nest(false)
	case c == '{' || c == '}':
		s.operator()
	case c == '/':
		s.state = scanName
		s.operand()
	default:
		s.state, s.word = scanWord, append(s.word[:0], c)
		s.grow(1)
	}
}

func (s *operandScan) literal(c byte) {
	s.grow(1)
	switch {
	case s.escape:
		s.escape = false
	case c == '\\':
		s.escape = true
	case c == '(':
		s.strDepth++
	case c == ')':
		if s.strDepth == 0 {
			s.state = scanSpace
		}
		s.strDepth--
	}
}

// endWord classes a finished run of regular characters: a number,
// true, false or null is an operand; anything else an operator.
func (s *operandScan) endWord() {
	st := s.state
	s.state = scanSpace
	if st == scanName {
		return
	}
	switch w := string(s.word); {
	case w == "true" || w == "false" || w == "null" || isNumberWord(s.word):
		s.operand()
	case w == "def" || w == "pop" || w == "dict" || w == "begin" || w == "end" || w == "currentdict":
		// PostScript words Interpret handles itself: the stack stays.
	default:
		s.operator()
	}
}

func isNumberWord(w []byte) bool {
	for _, c := range w {
		if (c < '0' || c > '9') && c != '.' && c != '-' && c != '+' {
			return false
		}
	}
	return true
}

func (s *operandScan) operator() {
	if s.depth > 0 {
		// Interpret gives up the object being read and goes on at the top
		// level; its stack keeps what was pushed before.
		s.depth = 0
		return
	}
	s.operands, s.bytes = 0, 0
}

func (s *operandScan) operand() {
	s.operands++
	if s.operands > maxOperands {
		s.err = fmt.Errorf("more than %d operands before an operator", maxOperands)
	}
}

func (s *operandScan) grow(n int64) {
	s.bytes += n
	if s.bytes > maxOperandBytes {
		s.err = fmt.Errorf("more than %d MiB of operands before an operator", maxOperandBytes>>20)
	}
}

func (s *operandScan) nest(open bool) {
	s.operand()
	switch {
	case open:
		s.depth++
		if s.depth > maxNesting {
			s.err = fmt.Errorf("arrays or dictionaries nested more than %d deep", maxNesting)
		}
	case s.depth > 0:
		s.depth--
	}
}

func isSpaceByte(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func isDelimByte(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}
