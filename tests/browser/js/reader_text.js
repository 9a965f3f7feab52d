// The page's text as a reader meets it, CSS-generated words included (the uploader's, look.uploader_words_css),
// less what is not ours to word: Streamlit's own "Skip to main content"
// link (its frontend writes it in English, hidden until focused) and icons drawn from an icon font (such an
// icon is a word in the DOM, "download", and a glyph on screen).
() => {
  const copy = document.body.cloneNode(true);
  copy.style.position = 'absolute';
  copy.style.left = '-100000px';
  document.body.appendChild(copy);  // styles and innerText need the copy in the page; taken out again below
  copy.querySelectorAll('[data-testid="stSkipToContent"]').forEach((e) => e.remove());
  // The uploader button's English word, hidden from view and kept for screen readers beside the app's own
  // (look.uploader_words_css), which is read below as generated text.
  copy.querySelectorAll('[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p')
    .forEach((e) => e.remove());
  copy.querySelectorAll('*').forEach((e) => {
    if (e.isConnected && /Material Symbols|Material Icons/.test(getComputedStyle(e).fontFamily)) e.remove();
  });
  const generated = [];
  copy.querySelectorAll('*').forEach((e) => {
    for (const where of ['::before', '::after']) {
      const content = getComputedStyle(e, where).content;
      if (content && content.startsWith('"')) generated.push(JSON.parse(content));
    }
  });
  const text = copy.innerText;
  copy.remove();
  return [text, ...generated].join('\n');
}
