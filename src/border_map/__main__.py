from border_map.cli import main

raise SystemExit(main())
