// Tiny DOM builder used by every page: h('p', {class: 'x'}, 'text'); text is never parsed as HTML.

// Creates an element. Props: `class`, `text`, `on<event>` listeners, booleans (true sets, false/null skips),
// anything else is set as an attribute (`data-testid`, `aria-*`, `for`...). Children: nodes, strings, arrays.
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

// Like el.append / el.replaceChildren, but skipping null and false as h() does (the DOM would print "null").
export function add(el, ...children) {
  append(el, children);
  return el;
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

// Clears a form's summary box and every per-field error message and aria-invalid mark.
export function clearFormErrors(errorBox, fields, fieldError, input) {
  errorBox.hidden = true;
  errorBox.replaceChildren();
  for (const name of fields) {
    fieldError[name].hidden = true;
    fieldError[name].textContent = '';
    input[name].removeAttribute('aria-invalid');
  }
}
