import PMCommands

PMRunner.main()
