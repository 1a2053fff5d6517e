// The browser's twin of hooks/handbook/placeholders.py: "{name}" is filled from `values`,
// "{{" and "}}" stand for a brace itself, an unknown placeholder stays as written.
window.handbookFill = function fill(text, values) {
  return text.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (whole, name) => {
    if (whole === "{{") return "{";
    if (whole === "}}") return "}";
    return  Object.hasOwn(values, name) ? String(values[name]) : whole;
  });
};
