// The long-list peer: the same 10,000 proposals as plain DOM with no windowing (every row in the
// document), each with its title, meta line, excerpt and a plain vote button, rendered in one go
// from the page's memory backend.
const backend = globalThis.pgoMemoryBackend;
const proposals = [...backend.proposals.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
const date = new Intl.DateTimeFormat('fr', { dateStyle: 'long', timeZone: 'Europe/Paris' });

function row(p, index) {
  const li = document.createElement('li');
  li.dataset.key = p.id;
  li.dataset.index = String(index);
  const article = document.createElement('article');
  const title = document.createElement('h3');
  title.textContent = p.title;
  const meta = document.createElement('p');
  meta.textContent = `${p.categoryId} · ${p.authorName ?? 'Anonyme'} · ${date.format(new Date(p.createdAt))}`;
  const excerpt = document.createElement('p');
  excerpt.textContent = p.body.replace(/\s+/g, ' ').slice(0, 220);
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = `Soutenir ${p.tally.total ?? 0}`;
  article.append(title, meta, excerpt, button);
  li.append(article);
  return li;
}

const list = document.createElement('ol');
list.append(...proposals.map(row));
document.querySelector('[data-plain-list]').append(list);
