package pages

import "regexp"

var hexColour = regexp.MustCompile(`^#[0-9a-f]{6}$`)

// safeColour returns colour when it is a #rrggbb colour and a neutral grey otherwise.
// Colours are drawn as SVG fill attributes, which the Content-Security-Policy allows
// without inline styles.
func safeColour(colour string) string {
	if !hexColour.MatchString(colour) {
		return "#cccccc"
	}
	return colour
}
