from stakeholders.cli import main

main()
