import PMCommands
