// The briefing links (common.briefing_links): "Download briefing: HTML · PDF", the server's own relative
// paths, with what the files are as the line's tooltip. A line of its own, or a `span` to end a paragraph.
export function drawDownloads(downloads, tag = "p") {
  const line = document.createElement(tag);
  line.className = "bm-downloads";
  line.title = downloads.help;
  line.append(`${downloads.label}: `);
  downloads.links.forEach((link, i) => {
    if (i) line.append(" · ");
    const a = document.createElement("a");
    a.href = link.href;
    a.textContent = link.label;
    line.appendChild(a);
  });
  return line;
}
