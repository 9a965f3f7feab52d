// Does a font draw Thai? On a machine without Thai fonts a missing glyph is the same box as a private-use
// code point's; a font that has Thai draws them narrower or wider. The control font does not exist.
async (family) => {
  await document.fonts.ready;
  const ctx = document.createElement('canvas').getContext('2d');
  const width = (font, text) => { ctx.font = font; return ctx.measureText(text).width; };
  const thai = 'สวัสดีครับ', boxes = '\uE000'.repeat(thai.length);
  const faces = Array.from(document.fonts).filter((f) => f.family.replace(/["']/g, '') === family);
  return {
    loaded: faces.filter((f) => f.status === 'loaded').length,
    served: width(`32px "${family}"`, thai), missing: width(`32px "${family}"`, boxes),
    controlThai: width('32px "no-such-font-bm"', thai), controlMissing: width('32px "no-such-font-bm"', boxes),
    body: getComputedStyle(document.body).fontFamily,
  };
}
