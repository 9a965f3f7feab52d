// Evaluate an expression once the page has a live map (`bmMap` is that map); null without one.
(expr) => {
  /* live map */
  return map ? win.eval(expr) : null;
}
