console.log("web placeholder")
