// Present on a projector: is any of Streamlit's chrome visible, the title's and the smallest text's sizes, and
// the share of the screen the map covers.
() => {
  const visible = (sel) => Array.from(document.querySelectorAll(sel)).some((e) => e.checkVisibility());
  const size = (sel) => {
    const e = document.querySelector(sel);
    return e ? parseFloat(getComputedStyle(e).fontSize) : 0;
  };
  const texts = Array.from(document.querySelectorAll('.st-key-bm_slide_text li, .st-key-bm_slide_text p'))
    .filter((e) => e.checkVisibility() && e.innerText.trim());
  const frame = document.querySelector('.bm-map-box').getBoundingClientRect();
  return {
    chrome: visible('section[data-testid="stSidebar"]') || visible('header[data-testid="stHeader"]')
      || visible('[data-testid="stToolbar"]'),
    title: size('.st-key-bm_slide_text h1'),
    smallest: Math.min(...texts.map((e) => parseFloat(getComputedStyle(e).fontSize))),
    mapShare: (Math.min(frame.right, innerWidth) - Math.max(frame.left, 0)) *
      (Math.min(frame.bottom, innerHeight) - Math.max(frame.top, 0)) / (innerWidth * innerHeight),
  };
}
