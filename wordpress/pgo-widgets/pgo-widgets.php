<?php
/**
 * Plugin Name:       Consultation widgets (pgo-widgets)
 * Description:       Public participation in your pages: proposal forms, votes, relay-workshop agendas and phase countdowns, connected to your consultation server.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT
 * Text Domain:       pgo-widgets
 * Domain Path:       /languages
 *
 * @package pgo-widgets
 */

defined( 'ABSPATH' ) || exit;

const PGO_WIDGETS_VERSION = '0.1.0';
define( 'PGO_WIDGETS_FILE', __FILE__ );

require_once __DIR__ . '/includes/settings.php';
require_once __DIR__ . '/includes/elements.php';
require_once __DIR__ . '/includes/assets.php';
require_once __DIR__ . '/includes/shortcodes.php';
require_once __DIR__ . '/includes/blocks.php';
require_once __DIR__ . '/includes/kses.php';

// The plugin's own texts (settings page, block titles): languages/pgo-widgets-<locale>.mo.
add_action(
	'init',
	function () {
		load_plugin_textdomain( 'pgo-widgets', false, dirname( plugin_basename( __FILE__ ) ) . '/languages' );
	},
	0
);
