() => {
  // On a phone the sidebar would cover the chat: start with it closed (its toggle opens it).
  const closeOnPhone = (tries) => {
    const toggle = document.querySelector('#sidebar.open .toggle-button');
    if (toggle && window.matchMedia('(max-width: 768px)').matches) toggle.click();
    else if (!toggle && tries > 0) setTimeout(() => closeOnPhone(tries - 1), 100);
  };
  closeOnPhone(100);
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a[href^="#source-"]');
    if (!link) return;
    const anchor = document.getElementById(link.getAttribute('href').slice(1));
    // A paragraph cited twice is one block: the second marker's anchor sits inside it.
    const target = anchor && anchor.closest('.qd-source');
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    target.open = true;
    target.scrollIntoView({behavior: 'smooth', block: 'start'});
    target.classList.add('qd-flash');
    setTimeout(() => target.classList.remove('qd-flash'), 1500);
  }, true);
}
