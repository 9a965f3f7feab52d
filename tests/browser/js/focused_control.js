// The value of the sidebar control that has the keyboard's focus (undefined/null when the focus is elsewhere).
document.activeElement && document.activeElement.closest('.bm-controls') && document.activeElement.value
