// Warn before leaving a page whose form[data-warn-unsaved] holds edits not saved yet.
// data-warn-unsaved="unsaved": the form came back from a save that did not happen (its
// fields show what was typed), so leaving loses it even if nothing is touched again.
(function () {
  "use strict";
  var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-warn-unsaved]"));
  if (!forms.length) {
    return;
  }
  var submitting = false;

  function edited(form) {
    if (form.getAttribute("data-warn-unsaved") === "unsaved") {
      return true;
    }
    return Array.prototype.some.call(form.elements, function (field) {
      if (field.type === "checkbox" || field.type === "radio") {
        return field.checked !== field.defaultChecked;
      }
      if (field.tagName === "SELECT") {
        return Array.prototype.some.call(field.options, function (option) {
          return option.selected !== option.defaultSelected;
        });
      }
      if (field.type === "hidden" || field.type === "submit" || field.type === "button") {
        return false;
      }
      return typeof field.value === "string" && field.value !== field.defaultValue;
    });
  }

  forms.forEach(function (form) {
    form.addEventListener("submit", function () {
      submitting = true;
    });
  });
  window.addEventListener("pageshow", function () {
    submitting = false;
  });
  window.addEventListener("beforeunload", function (event) {
    if (submitting || !forms.some(edited)) {
      return undefined;
    }
    event.preventDefault();
    event.returnValue = "";
    return "";
  });
})();
