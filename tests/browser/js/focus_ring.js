// The outline style of the focused element when it is inside the map ('none' otherwise): a clicked shape keeps
// the focus, and a focus ring around its bounding box would draw long lines across the map.
(() => {
  const a = document.activeElement;
  return a && a.closest && a.closest('.bm-map-box') ? getComputedStyle(a).outlineStyle : 'none';
})()
