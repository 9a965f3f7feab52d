// What the layout checks read: sideways scroll, the map's box and legend, the content width, the tables beside
// the map and the headline figures (does any value overflow its box?).
() => {
  const frame = document.querySelector('.bm-map-box');
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const f = frame ? frame.getBoundingClientRect() : null;
  const m = main.getBoundingClientRect();
  const cs = getComputedStyle(main);
  return {
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, innerHeight: window.innerHeight,
    frame: f && {width: f.width, height: f.height},
    legendOpen: frame && frame.querySelector('.bm-legend') ? frame.querySelector('.bm-legend').open : null,
    main: m.width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight),
    sideTables: Array.from(document.querySelectorAll('.bm-side .bm-table-box'))
      .map((e) => e.scrollWidth - e.clientWidth),
    metrics: Array.from(document.querySelectorAll('.bm-figure-value')).map((e) => ({
      text: e.innerText, scroll: e.scrollWidth, client: e.clientWidth,
      inner: Array.from(e.querySelectorAll('*')).filter((c) => c.scrollWidth > c.clientWidth + 1).length,
    })),
  };
}
