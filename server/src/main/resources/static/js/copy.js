// The one script of the console: the Copy button of the one-time token page. Without it the
// token is still in a read-only field to select and copy by hand.
(function () {
    var button = document.getElementById('copy');
    if (!button) {
        return;
    }
    var field = document.getElementById(button.getAttribute('data-copy-target'));
    var status = document.getElementById('copy-status');
    function copied() {
        status.textContent = 'Copied to the clipboard.';
        button.textContent = 'Copied';
    }
    function byHand() {
        status.textContent = 'Select the token and press Ctrl+C (⌘C on a Mac) to copy it.';
    }
    function fallback() {
        try {
            if (document.execCommand('copy')) {
                copied();
                return;
            }
        } catch (e) {
            // fall through
        }
        byHand();
    }
    button.hidden = false;
    button.addEventListener('click', function () {
        field.focus();
        field.select();
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(field.value).then(copied, fallback);
        } else {
            fallback();
        }
    });
}());
