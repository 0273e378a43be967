document.getElementById("region").dataset.loaded = "yes";
