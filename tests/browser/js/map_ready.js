// True once the live map draws at least (`exact`: exactly) `minPaths` SVG paths in a box of a real size.
([minPaths, exact]) => {
  /* live map */
  if (!map) return false;
  const rect = frame.getBoundingClientRect();
  const paths = frame.querySelectorAll('.leaflet-map-pane path').length;
  return rect.width > 100 && rect.height > 100 && (exact ? paths === minPaths : paths >= minPaths);
}
