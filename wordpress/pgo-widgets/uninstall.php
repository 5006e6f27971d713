<?php
/**
 * Removes everything the plugin stored when it is deleted from WordPress.
 *
 * @package pgo-widgets
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'pgo_widgets_settings' );
delete_site_option( 'pgo_widgets_settings' );
