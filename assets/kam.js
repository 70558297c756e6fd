/* kam — the little JavaScript there is (served as /assets/kam.js, loaded with
 * the page's CSP nonce and `defer`). Progressive enhancement only: every page
 * works without it. No eval, no inline handlers, no other host.
 *
 *   form[data-confirm], button[data-confirm]  ask before submitting (the
 *       attribute holds the question); a form.danger-zone (delete) without one
 *       asks "<button text> “<page heading>”?" in the page's language
 *   select[data-autosubmit]                   submits its form on change
 *   .js-hide                                  hidden when this script runs
 *   .flash                                    goes away after a while, unless
 *       the pointer or the focus is on it
 *   details.user-menu                         closes on Escape or a click elsewhere
 *   forms                                     a second submit while the first
 *       is on its way is ignored (double clicks create no duplicates)
 */
(function () {
    'use strict';

    var doc = document;
    doc.documentElement.classList.add('js');

    var FLASH_MS = 10000;

    function closest(el, sel) {
        return el && el.closest ? el.closest(sel) : null;
    }

    function text(el) {
        return el ? (el.textContent || '').replace(/\s+/g, ' ').trim() : '';
    }

    /* The question to ask before this submit, or null. */
    function question(form, submitter) {
        if (submitter && submitter.hasAttribute('data-confirm')) return submitter.getAttribute('data-confirm');
        if (form.hasAttribute('data-confirm')) return form.getAttribute('data-confirm');
        if (form.classList.contains('danger-zone')) {
            var verb = text(submitter || form.querySelector('button[type="submit"], button:not([type])'));
            var what = text(doc.querySelector('main h1'));
            if (!verb) return null;
            return what ? verb + ' \u201c' + what + '\u201d?' : verb + '?';
        }
        return null;
    }

    /* Capture phase: runs before anything else may act on the submit. */
    doc.addEventListener('submit', function (ev) {
        var form = ev.target;
        if (!(form instanceof HTMLFormElement)) return;
        var q = question(form, ev.submitter || null);
        if (q && !window.confirm(q)) {
            ev.preventDefault();
            ev.stopImmediatePropagation();
        }
    }, true);

    /* Bubble phase: one submission at a time per form. Buttons are not
     * disabled (that would drop the submitter's name=value from the data). */
    doc.addEventListener('submit', function (ev) {
        var form = ev.target;
        if (!(form instanceof HTMLFormElement) || ev.defaultPrevented) return;
        if (form.getAttribute('aria-busy') === 'true') {
            ev.preventDefault();
            return;
        }
        form.setAttribute('aria-busy', 'true');
        /* If the navigation does not happen (a download, a stopped load),
         * let the form be used again. */
        window.setTimeout(function () { form.removeAttribute('aria-busy'); }, 8000);
    });

    /* Coming back through the history: forms are ready again. */
    window.addEventListener('pageshow', function () {
        var busy = doc.querySelectorAll('form[aria-busy="true"]');
        for (var i = 0; i < busy.length; i++) busy[i].removeAttribute('aria-busy');
    });

    doc.addEventListener('change', function (ev) {
        var el = ev.target;
        if (!(el instanceof HTMLSelectElement) || !el.hasAttribute('data-autosubmit') || !el.form) return;
        if (typeof el.form.requestSubmit === 'function') el.form.requestSubmit();
        else el.form.submit();
    });

    var hide = doc.querySelectorAll('.js-hide');
    for (var h = 0; h < hide.length; h++) hide[h].hidden = true;

    /* The confirmation after an action stays ten seconds, longer while the
     * user is on it. It is a status message: nothing is lost when it goes. */
    var flashes = doc.querySelectorAll('.flash');
    Array.prototype.forEach.call(flashes, function (flash) {
        var timer = 0;
        function later() {
            window.clearTimeout(timer);
            timer = window.setTimeout(function () {
                if (flash.matches(':hover') || flash.contains(doc.activeElement)) later();
                else flash.hidden = true;
            }, FLASH_MS);
        }
        flash.addEventListener('mouseleave', later);
        flash.addEventListener('focusout', later);
        later();
    });

    /* The user menu behaves like a menu: Escape or a click outside closes it. */
    function closeMenus(except) {
        var open = doc.querySelectorAll('details.user-menu[open]');
        for (var i = 0; i < open.length; i++) if (open[i] !== except) open[i].open = false;
    }
    doc.addEventListener('click', function (ev) {
        closeMenus(closest(ev.target, 'details.user-menu'));
    });
    doc.addEventListener('keydown', function (ev) {
        if (ev.key !== 'Escape') return;
        var menu = closest(doc.activeElement, 'details.user-menu[open]') || doc.querySelector('details.user-menu[open]');
        if (!menu) return;
        menu.open = false;
        var summary = menu.querySelector('summary');
        if (summary) summary.focus();
    });
})();
