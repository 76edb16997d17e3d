// Progressive enhancement only: every page works without this file.
(function () {
    "use strict";

    // Copy buttons are hidden in the markup and shown here, so users without script never see a dead button.
    function enhanceCopyButtons() {
        var status = document.querySelector(".copy-status");
        document.querySelectorAll("button[data-copy]").forEach(function (button) {
            var source = document.getElementById(button.getAttribute("data-copy"));
            if (!source) { return; }
            button.hidden = false;
            var label = document.getElementById(source.id + "-label");
            button.setAttribute("aria-label", "Copy " + (label ? label.textContent : "snippet"));
            button.addEventListener("click", function () {
                copyText(source.textContent.trim()).then(function () {
                    button.textContent = "Copied";
                    button.setAttribute("data-copied", "");
                    if (status) { status.textContent = "Copied to clipboard"; }
                    setTimeout(function () {
                        button.textContent = "Copy";
                        button.removeAttribute("data-copied");
                        if (status) { status.textContent = ""; }
                    }, 2000);
                }, function () {
                    selectText(source);
                    if (status) { status.textContent = "Press Ctrl+C to copy"; }
                });
            });
        });
    }

    // navigator.clipboard needs a secure context; plain-http installs fall back to the legacy command.
    function copyText(text) {
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(text);
        }
        return new Promise(function (resolve, reject) {
            var area = document.createElement("textarea");
            area.value = text;
            area.setAttribute("readonly", "");
            area.style.position = "fixed";
            area.style.opacity = "0";
            document.body.appendChild(area);
            area.select();
            var ok = false;
            try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
            document.body.removeChild(area);
            if (ok) { resolve(); } else { reject(); }
        });
    }

    function selectText(element) {
        var range = document.createRange();
        range.selectNodeContents(element);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }

    // Filter forms apply as soon as a choice changes; empty fields are left out so shared URLs stay short.
    function enhanceFilterForms() {
        document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
            form.addEventListener("change", function (event) {
                if (event.target.matches("select, input[type=checkbox], input[type=radio]")) {
                    form.requestSubmit ? form.requestSubmit() : form.submit();
                }
            });
            form.addEventListener("submit", function () {
                form.querySelectorAll("input, select").forEach(function (field) {
                    if (!field.value || (field.name === "sort" && field.value === "relevance")) {
                        field.disabled = true;
                    }
                });
            });
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        enhanceCopyButtons();
        enhanceFilterForms();
    });
})();
