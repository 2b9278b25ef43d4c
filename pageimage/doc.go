// Package pageimage gives the pages of an order's documents as images a
// reviewer can look at, at a bounded size, so a finding can be shown on
// the page it was read from.
//
// Where the pixels come from:
//   - a PDF page with a text layer is rendered by pdftoppm (poppler,
//     already the fallback renderer of extract), run under the caller's
//     context and a time bound (DefaultTimeout), with the output size
//     given in pixels (-scale-to-x/-scale-to-y) so a page of absurd
//     dimensions cannot make a huge image. No Go renderer was good
//     enough: pdfcpu does not rasterise, and the pure-Go ones drop fonts
//     and shading that bills use.
//   - a scanned PDF page is the image the PDF carries (the largest on
//     the page, the one OCR read), and an image document is its own
//     image: both decoded only after their header says they are within
//     MaxPixels (DefaultMaxPixels), then scaled.
//
// Every page image is Width pixels wide (DefaultWidth, at most MaxWidth)
// and as tall as the page's shape in points says, so an evidence box
// [x0, y0, x1, y1] in points from the top-left of the page as shown maps
// to pixels by one factor, width / page width. An image upload OCR did
// not read has no size in its extraction; it is shown a letter page
// wide, as extract sizes an image it reads.
//
// A scan OCR turned to read it (sideways, upside down) is turned the
// same way here: the extraction keeps the words' boxes on the upright
// page but not the turn, so each turn the page's shape allows is tried
// on a thumbnail and the one whose ink falls inside the words' boxes
// wins. Without words to judge by, an image of the other shape than its
// page is refused with ErrTurned: a box drawn on the wrong side is worse
// than none.
//
// Cache keeps rendered pages in a storage.Store beside the extractions,
// under pageimages/<Version>/<sha256>/<page>-<width>.jpg (JPEG, quality
// 90), so the service can serve the same images later.
//
// Secrets: Cover gives the boxes of words on a page that must not be
// shown (the order's PINs where printed, SSN-shaped numbers, and the
// value beside a PIN or SSN label even when OCR misread it); callers
// paint them out before any pixel leaves the process.
package pageimage
