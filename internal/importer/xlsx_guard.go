package importer

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// The guard every uploaded workbook passes before excelize parses it (the samlet skema, the
// status workbook, an indicator's measurements): a workbook that is small packed can unpack to
// a great deal, and excelize holds every shared string (and a sheet under maxXMLInMemory) in
// memory while it parses. The guard reads the zip's directory, then streams every part through
// a counter of elements (shared strings, rows, cells), so its own memory is a few kilobytes and
// its time that of unpacking at most maxUnzipped.

// Limits on an uploaded workbook, far above what Sporbar's own sheets hold (MaxRows rows a sheet).
const (
	maxUnzipped       = 64 << 20 // all parts unpacked
	maxZipEntries     = 1000
	maxSharedXML      = 16 << 20 // xl/sharedStrings.xml unpacked
	maxSharedStrings  = 200_000  // <si> elements in it
	maxWorkbookRows   = 200_000  // <row> elements in all sheets
	maxWorkbookCells  = 1_000_000
	maxXMLInMemory    = 16 << 20 // a larger sheet is unpacked to a temporary file
	maxTagNameScanned = 16       // an element name longer than this is none we count
)

// errTooLarge says why a workbook is refused, in Danish.
type errTooLarge struct{ msg string }

func (e errTooLarge) Error() string { return e.msg }

// msgTooLargeUnzipped is the message for a workbook that unpacks to too much.
var msgTooLargeUnzipped = fmt.Sprintf("Filen fylder over %d MB, når den pakkes ud, og kan ikke læses. "+
	"Et regneark fra Sporbar fylder langt mindre; fjern det, der ikke hører til skemaet.", maxUnzipped>>20)

// CheckXLSX inspects an uploaded workbook without parsing it: a zip (else "not a workbook"),
// at most maxZipEntries parts, maxUnzipped bytes unpacked, maxSharedXML bytes and
// maxSharedStrings strings in the shared strings, and maxWorkbookRows rows and
// maxWorkbookCells cells in its sheets. It returns "" for a workbook that may be parsed, else
// the Danish message that says why not. The sizes in the zip's directory are trusted because
// archive/zip refuses a part that unpacks to more than its directory says.
func CheckXLSX(data []byte) string {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return "Filen er ikke et regneark i Excel-format (.xlsx). Gem den som «Excel-projektmappe» og prøv igen."
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "Filen kan ikke læses som et regneark (.xlsx): den er beskadiget."
	}
	if len(zr.File) > maxZipEntries {
		return "Filen har for mange dele til at være et regneark fra Sporbar."
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if total > maxUnzipped {
			return msgTooLargeUnzipped
		}
	}
	if err := countParts(zr.File); err != nil {
		var tl errTooLarge
		if errors.As(err, &tl) {
			return tl.msg
		}
		return "Filen kan ikke læses som et regneark (.xlsx): den er beskadiget."
	}
	return ""
}

// countParts streams every part through a tagCounter (a sheet or the shared strings may sit
// under any name the workbook's relations give them) and refuses the workbook as soon as a
// count passes its limit.
func countParts(files []*zip.File) error {
	total := map[string]int{}
	for _, f := range files {
		if path.Base(strings.ToLower(f.Name)) == "sharedstrings.xml" && f.UncompressedSize64 > maxSharedXML {
			return errTooLarge{fmt.Sprintf("Regnearkets tekster fylder over %d MB, når filen pakkes ud, og kan ikke "+
				"læses. Gem arkene i en ny projektmappe, og prøv igen.", maxSharedXML>>20)}
		}
		n, err := countTags(f, map[string]int{"si": maxSharedStrings - total["si"],
			"row": maxWorkbookRows - total["row"], "c": maxWorkbookCells - total["c"]})
		if err != nil {
			return err
		}
		for k, v := range n {
			total[k] += v
		}
		switch {
		case total["si"] > maxSharedStrings:
			return errTooLarge{fmt.Sprintf("Regnearket har over %s forskellige tekster og kan ikke læses.",
				danishThousands(maxSharedStrings))}
		case total["row"] > maxWorkbookRows || total["c"] > maxWorkbookCells:
			return errTooLarge{fmt.Sprintf("Regnearket har over %s rækker eller %s celler og kan ikke læses. "+
				"Del det op, eller fjern tomme rækker.", danishThousands(maxWorkbookRows), danishThousands(maxWorkbookCells))}
		}
	}
	return nil
}

// countTags counts the start tags of the elements named in limits in a part (a namespace prefix
// is ignored), stopping as soon as one count passes its limit.
func countTags(f *zip.File, limits map[string]int) (map[string]int, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", f.Name, err)
	}
	defer rc.Close()
	c := tagCounter{counts: map[string]int{}, limits: limits}
	buf := make([]byte, 32<<10)
	for {
		n, err := rc.Read(buf)
		if c.scan(buf[:n]) {
			return c.counts, nil
		}
		if errors.Is(err, io.EOF) {
			return c.counts, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f.Name, err)
		}
	}
}

// tagCounter counts XML start tags by local name across the chunks of a stream.
type tagCounter struct {
	counts map[string]int
	limits map[string]int
	inName bool   // after '<', reading the element's name
	name   []byte // the name so far (at most maxTagNameScanned bytes)
	long   bool   // the name is longer than any we count
}

// scan feeds the next chunk and reports whether a count has passed its limit.
func (c *tagCounter) scan(p []byte) bool {
	for _, b := range p {
		if !c.inName {
			if b == '<' {
				c.inName, c.name, c.long = true, c.name[:0], false
			}
			continue
		}
		if b == ' ' || b == '>' || b == '/' || b == '\t' || b == '\n' || b == '\r' {
			c.inName = false
			if c.count() {
				return true
			}
			continue
		}
		if len(c.name) < maxTagNameScanned {
			c.name = append(c.name, b)
		} else {
			c.long = true
		}
	}
	return false
}

// count counts the name just read, if it is one of the counted; true when past its limit.
func (c *tagCounter) count() bool {
	if c.long || len(c.name) == 0 {
		return false
	}
	local := c.name
	if i := bytes.IndexByte(local, ':'); i >= 0 {
		local = local[i+1:]
	}
	limit, ok := c.limits[string(local)]
	if !ok {
		return false
	}
	c.counts[string(local)]++
	return c.counts[string(local)] > limit
}

// danishThousands writes n with a space between thousands, as Danish text does: 200 000.
func danishThousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + " " + s[i:]
	}
	return s
}
