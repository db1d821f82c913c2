// Drag a card onto another column of the job search board. The drop makes the
// same move as the card's own form (which works by click, keyboard or without
// JavaScript): it sets the form's status and submits it, and htmx swaps the board.
(function () {
  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".job-card[draggable]");
    if (!card) return;
    event.dataTransfer.setData("text/plain", card.id);
    event.dataTransfer.effectAllowed = "move";
  });
  document.addEventListener("dragover", function (event) {
    if (event.target.closest && event.target.closest(".job-column")) event.preventDefault();
  });
  document.addEventListener("drop", function (event) {
    var column = event.target.closest && event.target.closest(".job-column");
    if (!column) return;
    event.preventDefault();
    var card = document.getElementById(event.dataTransfer.getData("text/plain"));
    if (!card || column.contains(card)) return;
    var form = card.querySelector("form");
    form.querySelector("select[name=status]").value = column.dataset.status;
    form.requestSubmit();
  });
})();
