// Client-side routes: CloudFront serves index.html for /tickets and /tickets/42 alike.
const app = document.getElementById("app");
const path = location.pathname;
const ticket = path.match(/^\/tickets\/(\d+)$/);
app.textContent = ticket ? `Ticket #${ticket[1]}` : path === "/tickets" ? "All tickets" : "Home";
